# What the session reviews found, as tests (tests/boot/cases_review.py).
# sparse_walks: /proc sizes and MADV_REMOVE cost what is mapped, not the area's size.
probes-libc-extra += libc_sparse_walks
