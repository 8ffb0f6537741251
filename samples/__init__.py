"""Sample disclosures. The text dump ships in the package: `budget-review` opens it with no file."""
