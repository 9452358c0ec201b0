# The VFS core's probes (issue 12; owner: vfscore): files_core, every ABI.
probes-common += files_core
