package io.authpipe.core.instance;

/**
 * The guard's verdict on one address: the registry block that decided it (its prefix, name and RFC) and whether
 * Authpipe may connect there. For an IPv6 address refused for the IPv4 address it carries, {@code name} says both
 * ({@code "6to4 embedding Private-Use"}) and {@code block} is the IPv4 block.
 */
record AddressClass(String block, String name, String rfc, boolean reachable) {

    static AddressClass of(SpecialPurposeAddresses.Block block) {
        return new AddressClass(block.cidr().toString(), block.name(), block.rfc(), block.reachable());
    }

    /** This (IPv4) verdict as seen through an IPv6 form that embeds the address. */
    AddressClass embeddedIn(String form) {
        return new AddressClass(block, form + " embedding " + name, rfc, reachable);
    }
}
