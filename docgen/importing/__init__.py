"""Getting data in: the accounts software's export, last year's data, the fill-in workbook, the schema."""
