"""The `budget-review` command line."""
