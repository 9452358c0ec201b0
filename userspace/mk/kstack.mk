# The random kernel stack offset (issue 16; owner: kstack): getpid through every route.
probes-common += kstack
