from budget_review.cli.entry import main

raise SystemExit(main())
