# SPDX-License-Identifier: GPL-2.0-or-later
# conf: installation of the shipped configuration files.
#
#   conf/profiles/*.conf    -> $(sysconfdir)/printdev/profiles/  device profiles (the
#                              administrator edits them: configuration, not data)
#   conf/trap-rules.conf    -> $(sysconfdir)/printdev/trap-rules.conf
#   conf/trapd/*.conf       -> $(sysconfdir)/printdev/  (trapd.conf)
#   conf/snmpd/*.conf       -> $(pkgdatadir)/snmpd/      snmpd / printdevd snippets
#   conf/snmptrapd/*.conf   -> $(pkgdatadir)/snmptrapd/  snmptrapd snippet
#   conf/sysctl/*.conf      -> $(prefix)/lib/sysctl.d/
#
# The snippets are installed as ready-to-include examples rather than into
# snmpd's own configuration: `make install` never changes what a running
# snmpd or snmptrapd exposes.  The Debian packages decide what goes to /etc
# (debian/rules).  Every file is installed with its install-time paths
# substituted for these placeholders:
#   @PRINTDEV_MODULE@    $(pkglibdir)/printdev.so
#   @PRINTDEV_CONFDIR@   $(sysconfdir)/printdev
#   @PRINTDEV_STATEDIR@  $(localstatedir)/lib/printdev
#   @PRINTDEV_RUNDIR@    $(runstatedir)/printdev
#   @bindir@ @sbindir@ @datadir@ @pkgdatadir@
# Files are picked up by name pattern, so each area's owner adds a file
# without touching this fragment; the whole directory is distributed.

EXTRA_DIST += conf

printdevconfdir = $(sysconfdir)/printdev
printdevprofiledir = $(printdevconfdir)/profiles
printdevsnmpddir = $(pkgdatadir)/snmpd
printdevsnmptrapddir = $(pkgdatadir)/snmptrapd
printdevsysctldir = $(prefix)/lib/sysctl.d

PRINTDEV_CONF_SUBST = sed \
	-e 's|[@]PRINTDEV_MODULE@|$(pkglibdir)/printdev.so|g' \
	-e 's|[@]PRINTDEV_CONFDIR@|$(printdevconfdir)|g' \
	-e 's|[@]PRINTDEV_STATEDIR@|$(localstatedir)/lib/printdev|g' \
	-e 's|[@]PRINTDEV_RUNDIR@|$(runstatedir)/printdev|g' \
	-e 's|[@]bindir@|$(bindir)|g' \
	-e 's|[@]sbindir@|$(sbindir)|g' \
	-e 's|[@]pkgdatadir@|$(pkgdatadir)|g' \
	-e 's|[@]datadir@|$(datadir)|g'

# "source-pattern destination-variable" pairs, expanded by the shell.
PRINTDEV_CONF_SETS = \
	'conf/profiles/*.conf $(printdevprofiledir)' \
	'conf/trap-rules.conf $(printdevconfdir)' \
	'conf/trapd/*.conf $(printdevconfdir)' \
	'conf/ipp.conf $(printdevconfdir)' \
	'conf/snmpd/*.conf $(printdevsnmpddir)' \
	'conf/snmptrapd/*.conf $(printdevsnmptrapddir)' \
	'conf/sysctl/*.conf $(printdevsysctldir)'

install-data-local: install-printdev-conf
uninstall-local: uninstall-printdev-conf

install-printdev-conf:
	@for set in $(PRINTDEV_CONF_SETS); do \
	  pattern=$${set% *}; dest=$${set##* }; \
	  for f in $(srcdir)/$$pattern; do \
	    [ -f "$$f" ] || continue; \
	    $(MKDIR_P) "$(DESTDIR)$$dest" || exit 1; \
	    echo "  INSTALL  $$dest/$${f##*/}"; \
	    $(PRINTDEV_CONF_SUBST) "$$f" > "$(DESTDIR)$$dest/$${f##*/}.tmp" \
	      && chmod 0644 "$(DESTDIR)$$dest/$${f##*/}.tmp" \
	      && mv -f "$(DESTDIR)$$dest/$${f##*/}.tmp" "$(DESTDIR)$$dest/$${f##*/}" || exit 1; \
	  done; \
	done

uninstall-printdev-conf:
	@for set in $(PRINTDEV_CONF_SETS); do \
	  pattern=$${set% *}; dest=$${set##* }; \
	  for f in $(srcdir)/$$pattern; do \
	    [ -f "$$f" ] || continue; \
	    rm -f "$(DESTDIR)$$dest/$${f##*/}"; \
	  done; \
	done

.PHONY: install-printdev-conf uninstall-printdev-conf

# The end-to-end demo (tools/bootstrap.sh demo) and the Debian package test.
dist_noinst_SCRIPTS += tools/demo.sh tools/package-test.sh
