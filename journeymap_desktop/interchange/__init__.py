"""Maps in and out: other tools' files turned into maps, and maps written for other tools.

The engines in `storage/importers/` read Mermaid journeys, CSV/XLSX tables and survey exports
into neutral dataclasses, and know nothing of the map. This layer is the mapping between those
and the file format (`model/`), plus the readers and writers the format registry
(`formats.py`) names:

    mermaid.py      Mermaid journey <-> map (sections = stages, tasks = touchpoint cards,
                    actors = personas, scores = the as-is curves on 1-5); what Mermaid cannot
                    hold rides along in `%% journeymap` comment lines, so a map survives the
                    trip through a .mmd file unchanged
    survey.py       a survey export -> evidence on a map: each touchpoint's value on the as-is
                    curves (everyone, and per persona) with its distribution, quotes; a newer
                    export updates the same cards (source keys)
    cards_table.py  the card spreadsheet layout (one row per card), CSV and XLSX, both ways
    tables.py       what a .csv/.xlsx file is (our card layout or a survey export) and the
                    registry's reader for it
    written.py      what a writer reports (`WriteResult`), atomic writes of text and bytes
    cli.py          `journeymap import`

Everything here is pure Python without Qt; the import wizard (ui/import_wizard.py) and the
one-undo-step merge into an open map (commands.MergeMap) sit on top. Nothing changes a map in
place: an import builds the new map whole, checks it (the model's validation), and only then
is it written or pushed, so a refusal can never leave half an import behind.
"""
