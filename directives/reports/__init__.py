"""The staff report (/bao-cao/): articles and meetings filtered by directive, unit,
period, kind and words, their figures, charts and CSV / Excel downloads.

A report is a FilterSet plus selectors; the views only render. One module per concern:

- ``filters``: the FilterSet and its form (what staff may ask, validated);
- ``selectors``: the matching articles and meetings a user may see;
- ``rows``: the result table: one ordered UNION, paged in the database, hydrated;
- ``figures``: totals, the units × directives table, articles per period, cached;
- ``charts``: the geometry of the SVG bar charts (drawn by ``chart.svg``);
- ``page``: what the page shows besides the figures: sort links, the page of rows;
- ``exports``: CSV and Excel;
- ``periods``: reading "6 tháng đầu năm 2021" as dates;
- ``views``: the page and its downloads.

Nothing is imported here: directives.models reads ``periods`` while the app loads.
"""
