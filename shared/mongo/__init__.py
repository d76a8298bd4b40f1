"""MongoDB plumbing that works the same on MongoDB and FerretDB 1.24 (DESIGN §7)."""
