"""Code every KIPP service shares: event contracts, Kafka and MongoDB plumbing, auth, scoring, web."""
