"""Services: each runs inside one transaction (a Session) and returns `Changes`."""
