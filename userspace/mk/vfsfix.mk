# The VFS core review's fixes (issue 12; owner: vfsfix): files_review, every ABI.
probes-common += files_review
