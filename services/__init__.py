"""The four KIPP services: intake, review, notify, reporting."""
