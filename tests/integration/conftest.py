"""Integration tests talk to the real broker and store through the root fixtures."""
