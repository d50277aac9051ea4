"""Facts: sourced, dated, validated data that renders the comparison tables.

``models`` defines what a facts file may contain, ``loader`` reads files and turns
schema errors into ``file:line: message`` problems, ``lint`` adds the rules that
span files (ids, sources, dates, pages, executable checks), ``checks`` runs the
check programs, and ``schema`` exports the JSON Schema editors use.
"""
