package org.wgns.systemd;

/**
 * The unit files wgns ships (examples/systemd has them as generated for /usr/local/bin/wgns, and
 * a test keeps the two the same).
 */
public final class Units {
    public static final String TEMPLATE = "wgns@.service";
    public static final String RERESOLVE_SERVICE = "wgns-reresolve@.service";
    public static final String RERESOLVE_TIMER = "wgns-reresolve@.timer";
    public static final String REPAIR_SERVICE = "wgns-repair@.service";
    public static final String REPAIR_TIMER = "wgns-repair@.timer";
    /** Every unit file wgns ships, in the order install.sh and the package install them. */
    public static final java.util.List<String> FILES = java.util.List.of(TEMPLATE, RERESOLVE_SERVICE, RERESOLVE_TIMER,
            REPAIR_SERVICE, REPAIR_TIMER);

    private Units() {}

    public static String template(String bin) {
        return """
                # wgns: a WireGuard tunnel alone in network namespace %i.
                #   systemctl enable --now wgns@wireguard    (config: /etc/wireguard/wireguard.conf, else wg0.conf)
                # Services join it with: wgns systemd attach wireguard UNIT
                [Unit]
                Description=WireGuard tunnel alone in network namespace %i (wgns)
                After=network-online.target nss-lookup.target
                Wants=network-online.target nss-lookup.target

                [Service]
                Type=oneshot
                RemainAfterExit=yes
                # At boot the endpoint's name may not resolve yet: keep trying, as wg-quick@ does.
                Environment=WG_ENDPOINT_RESOLUTION_RETRIES=infinity
                # More options for up, e.g. WGNS_UP_ARGS="--publish 8080:80 --allow-in tcp/51413"
                EnvironmentFile=-/etc/default/wgns-%i
                ExecStart=BIN up %i $WGNS_UP_ARGS
                ExecStop=BIN down %i --kill
                # No PrivateMounts=, PrivateTmp=, ProtectSystem=, ProtectHome= or any other option that
                # gives this unit a mount namespace of its own: since systemd 254 the namespace's mount
                # at /run/netns/%i would then stay inside it, invisible to the host and to the services
                # meant to join it (systemd issue 28686; namespaced-wireguard-vpn PR 12).

                [Install]
                WantedBy=multi-user.target
                """.replace("BIN", bin);
    }

    public static String reresolveService(String bin) {
        return """
                # Re-resolves endpoint names of namespace %i whose handshake is stale (after a
                # suspend, or when a dynamic-IP server moved). Run by wgns-reresolve@%i.timer.
                [Unit]
                Description=Re-resolve WireGuard endpoints of namespace %i (wgns)
                After=wgns@%i.service
                Requisite=wgns@%i.service

                [Service]
                Type=oneshot
                ExecStart=BIN reresolve %i
                """.replace("BIN", bin);
    }

    public static String reresolveTimer() {
        return """
                # systemctl enable --now wgns-reresolve@wireguard.timer
                [Unit]
                Description=Re-resolve WireGuard endpoints of namespace %i every 30 seconds (wgns)

                [Timer]
                OnActiveSec=30
                OnUnitActiveSec=30

                [Install]
                WantedBy=timers.target
                """;
    }

    public static String repairService(String bin) {
        return """
                # Finds what is wrong with namespace %i and fixes it in place: a link whose userspace
                # daemon died is made again, the firewall and DNS files put back, a stale handshake
                # asked for. The apps inside keep running. Run by wgns-repair@%i.timer.
                [Unit]
                Description=Repair WireGuard namespace %i in place (wgns)
                After=wgns@%i.service
                Requisite=wgns@%i.service

                [Service]
                Type=oneshot
                ExecStart=BIN repair %i
                """.replace("BIN", bin);
    }

    public static String repairTimer() {
        return """
                # Keeps namespace %i healthy on its own:
                #   systemctl enable --now wgns-repair@wireguard.timer     (off: systemctl disable --now ...)
                [Unit]
                Description=Repair WireGuard namespace %i every minute when it needs it (wgns)

                [Timer]
                OnActiveSec=60
                OnUnitActiveSec=60

                [Install]
                WantedBy=timers.target
                """;
    }
}
