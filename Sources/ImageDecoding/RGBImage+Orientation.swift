extension RGBImage {
    /// The image turned upright for an EXIF/TIFF `orientation` (1...8); 1, an unknown value or an image
    /// that is not well formed come back unchanged.
    public func oriented(_ orientation: Int) -> RGBImage {
        guard isWellFormed else { return self }
        let turned = PixelOrientation.apply(orientation, to: pixels, width: width, height: height, channels: 3)
        return RGBImage(width: turned.width, height: turned.height, pixels: turned.samples)
    }
}
