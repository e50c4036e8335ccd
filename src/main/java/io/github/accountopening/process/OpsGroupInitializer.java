package io.github.accountopening.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import static io.github.accountopening.process.AccountOpeningProcess.OPS_GROUP;

/**
 * Escalation tasks go to candidate group {@code ops}: the group exists from the first start, and the
 * admin user ({@code camunda.bpm.admin-user}, {@code demo} outside prod) is a member so Tasklist shows them.
 */
@Component
class OpsGroupInitializer {

    private final IdentityService identity;
    private final String adminUser;

    OpsGroupInitializer(IdentityService identity, @Value("${camunda.bpm.admin-user.id:}") String adminUser) {
        this.identity = identity;
        this.adminUser = adminUser;
    }

    @EventListener(PostDeployEvent.class)
    void createOpsGroup() {
        if (identity.createGroupQuery().groupId(OPS_GROUP).count() == 0) {
            Group group = identity.newGroup(OPS_GROUP);
            group.setName("Operations");
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
        if (!adminUser.isBlank() && identity.createUserQuery().userId(adminUser).count() > 0
                && identity.createUserQuery().userId(adminUser).memberOfGroup(OPS_GROUP).count() == 0) {
            identity.createMembership(adminUser, OPS_GROUP);
        }
    }
}
