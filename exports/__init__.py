"""Downloads: every table the site lets people take away (a repayment schedule, the statistics, a
pre-check's results) is one pandas DataFrame, written as CSV (UTF-8 with BOM, so Excel reads the
Chinese) or XLSX by ``files``; no cell of either is ever a live formula (``cells``)."""
