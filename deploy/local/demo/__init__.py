"""The demo's data for `make up` (deploy/local/seed_demo.py puts it in place through the services' APIs).

    client        calls as admin, region or judge; polls with deadlines
    competitions  the open competition and the one in judging
    ideas, texts, catalogue   the judging competition's ~120 entries
    people        judges and one demo account per role
    judging       submit, close the window, screen, assign, score
    marks         how far each judge got and what they gave
    accounts      accounts at the sign-in desk, and the demo's sign-in links
    welcome       what `make up` prints at the end
"""
