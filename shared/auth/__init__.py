"""EdDSA JWT tokens (DESIGN §8) and the role and region guards of the HTTP edge."""
