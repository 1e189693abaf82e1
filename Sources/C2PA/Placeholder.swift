/// Placeholder; replaced by the module's implementation.
enum C2PAPlaceholder {}
