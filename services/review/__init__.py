"""review: judges, screening, conflict-free assignment, scoring and stage results; emits kipp.reviews."""
