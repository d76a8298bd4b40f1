"""notify: status e-mails to regions and judges, each sent once; emits kipp.notifications."""
