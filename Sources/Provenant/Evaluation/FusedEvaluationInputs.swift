/// The fused model's two inputs for one image under every ``FusedEvaluationSlot``.
public struct FusedEvaluationInputs: Sendable {
    /// Tower features per slot (`nil` where the slot could not be computed).
    public var features: [[Float]?]
    /// The hand-crafted detector's probability per slot (`nil` when it analysed no pixels).
    public var handcrafted: [Double?]
    /// The hand-crafted detector's feature vector per slot, when the evaluation refits that detector
    /// (``FusedEvaluation/refitHandcrafted``); empty otherwise.
    public var handcraftedFeatures: [[Float]?] = []
    /// The shorter side of the decoded image, before any condition.
    public var shortSide: Int
    /// Why the image could not be used at all, if so.
    public var error: String?

    /// Creates the inputs of one image (one entry per slot in `features` and `handcrafted`).
    public init(features: [[Float]?], handcrafted: [Double?], shortSide: Int, error: String?) {
        self.features = features
        self.handcrafted = handcrafted
        self.shortSide = shortSide
        self.error = error
    }

    /// Inputs with every slot still empty, and `error` (nil: not failed).
    static func empty(slots: Int, error: String? = nil) -> FusedEvaluationInputs {
        FusedEvaluationInputs(
            features: [[Float]?](repeating: nil, count: slots), handcrafted: [Double?](repeating: nil, count: slots),
            shortSide: 0, error: error)
    }

    /// An image that failed before any slot.
    static func failed(_ message: String, slots: Int) -> FusedEvaluationInputs {
        empty(slots: slots, error: message)
    }
}
