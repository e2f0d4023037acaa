"""Site generator for the open data of the National Action Programme for Children 2021–2030 in Ninh Thuận."""
