package org.quench.mail.contain;

import org.quench.engine.StepModule;

import java.util.List;

/** The containment and remediation step types: queue hold/purge with evidence, logout, password reset,
 * blocking client addresses. */
public final class ContainmentModules {
    private ContainmentModules() {
    }

    public static List<StepModule> all() {
        return List.of(new QueueSummaryModule(), new QueueEvidenceModule(),
                QueueChangeModule.hold(), QueueChangeModule.release(), QueueChangeModule.delete(),
                new LogoutModule(), new SessionsModule(), new PasswordModule(),
                new BlockClientsModule(), new UnblockClientsModule(), new BlockedClientsModule(),
                new UntrustIpModule(),
                new OutboundModule(), new FreezeOutboundModule(), new ThawOutboundModule(),
                new RateLimitsModule(), new RateLimitOutboundModule(), new LiftRateLimitModule());
    }
}
