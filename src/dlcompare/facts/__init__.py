"""Data: sourced, dated, validated YAML that renders the comparison and migration tables.

``models`` defines what a facts, sources or claims file may contain and
``concordance`` what data/concordance.yaml may; ``loader`` reads them all with the
hardened reader (:mod:`dlcompare.yamlio`) and the ``file:line`` translator
(:mod:`dlcompare.validation`); ``lint`` adds the rules that span files (ids,
sources, dates, pages, concordance calls, executable checks); ``page_index`` finds
which page shows which fact; ``checks`` runs the check programs; ``schema`` exports
the JSON Schemas editors use.
"""
