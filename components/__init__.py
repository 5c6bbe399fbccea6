"""Reusable layout pieces shared by pages."""
