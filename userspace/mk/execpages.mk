# exec mapping programs from their files' pages (issue 11; owner: execpages): .bss zero past
# the data's last file page, copy-on-write .data between two runs of one file, ETXTBSY.
probes-common += execpages
