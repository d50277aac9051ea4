"""The built site as a reader gets it: serve, browse, check links, weigh, photograph.

* ``build.py``       strict ``mkdocs build`` into a folder, timed, swapped in only on
                     success (``dlcompare build``); the plain-Material
                     config used as the build-time baseline
* ``serve.py``       serve a built site on 127.0.0.1 (gzip, like GitHub Pages)
* ``browser.py``     find Chromium, launch it, keep pages off the network
* ``linkcheck.py``   internal links and anchors of the built HTML; external link list
* ``weight.py``      bytes per page, search index size, build-time ratio (``make bench-site``)
* ``lighthouse.py``  Lighthouse scores when node and lighthouse are installed
* ``screenshots.py`` PNGs for the README (``make screenshots``)
* ``a11y.py``        axe-core runs: violations, which ones fail, readable reports
* ``page_paths.py``  the site's pages as site paths, from docs/ and from a build
"""
