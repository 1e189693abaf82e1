import Foundation

extension TrustSettings {
    /// Checks a DER certificate chain (signer first, as in a COSE `x5chain`) against the C2PA
    /// certificate profile and these trust settings at `time`, exactly as the verifier does for a
    /// manifest signature. Never throws: unparseable or unacceptable chains are reported in the codes.
    public func evaluateChain(_ chainDER: [[UInt8]], at time: Date) -> CertificateEvaluation {
        CertificateEvaluator(settings: self).evaluate(chainDER: chainDER, signingTime: time, currentTime: time, url: "")
    }
}
