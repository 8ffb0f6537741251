"""Written outputs of a review: the Markdown export of notes and findings. No UI."""
