"""Loaders for the facts in data/: statistics, milestones, branches. Validated once at start-up."""
