# The terminal (issue 12; owner: tty): the probe tests/boot/tty_session.py types into.
probes-common += tty
