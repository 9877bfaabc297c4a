"""Site-wide HTTP plumbing (middleware) that imports no app."""
