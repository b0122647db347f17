"""notesite: a notes site whose examples cannot rot.

- contract: the one definition of the snippet contract (no MkDocs, no pytest);
- frontmatter, index, links, config: the notes and the site's configuration as data;
- site: the MkDocs side (events.py, and plugin.py for `plugins: [notesite]`);
- verify: the pytest plugin and the verdict API the serve-time checker calls;
- run: the runners (fork server, subprocess, SQL).
"""
