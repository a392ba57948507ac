// `pow` and `log` from the C library, for the cascade's compound growth (and the time it takes): the standard library has none, and
// FoundationEssentials (unlike the whole of Foundation) does not bring the C library in.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `base` to the power `exponent`.
func power(_ base: Double, _ exponent: Double) -> Double { pow(base, exponent) }

/// The natural logarithm.
func naturalLog(_ value: Double) -> Double { log(value) }
