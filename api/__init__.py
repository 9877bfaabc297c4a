"""Shared plumbing of the REST API at /api/v1/ (docs/api.md); it imports no app."""
