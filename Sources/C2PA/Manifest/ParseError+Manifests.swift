import ByteParsing

extension ParseError.Code {
    /// A manifest store holds more manifests than ``ParseLimits/maxManifests`` allows
    /// (`provenance.c2pa.error_code` `too_many_manifests` in reports).
    public static let tooManyManifests = ParseError.Code(rawValue: "too_many_manifests")
}
