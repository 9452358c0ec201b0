# Pipes, poll/select and the memory/random devices (issue 12; owner: the pipes area).
probes-common += pipes poll random devices pipes_vfs
