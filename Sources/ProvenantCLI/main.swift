print("provenant: under construction")
