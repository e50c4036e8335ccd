package io.github.accountopening.identity;

import static io.github.accountopening.identity.Roles.ADMIN;
import static io.github.accountopening.identity.Roles.ANALYSTS;
import static io.github.accountopening.identity.Roles.MONITORING;
import static io.github.accountopening.identity.Roles.ONBOARDING;
import static io.github.accountopening.identity.Roles.OPS;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import io.github.accountopening.process.AccountOpeningProcess;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates each group with its Camunda authorizations the first time the engine starts. A group
 * that exists is left exactly as it is, so a restart never undoes what an administrator changed in
 * Admin. The ops group's tasks need no grant here: Camunda gives a task's candidate group
 * {@code TASK_WORK} on it ({@code default-user-permission-name-for-task}).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE) // after the starter has created the admin user
class GroupSetup extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(GroupSetup.class);

    record Grant(Resource resource, String resourceId, List<Permission> permissions) {
        Grant(Resource resource, String resourceId, Permission... permissions) {
            this(resource, resourceId, List.of(permissions));
        }
    }

    static final Map<String, List<Grant>> GRANTS = grants();

    private final String adminUser;

    GroupSetup(@Value("${camunda.bpm.admin-user.id:}") String adminUser) {
        this.adminUser = adminUser;
    }

    private static Map<String, List<Grant>> grants() {
        String process = AccountOpeningProcess.KEY;
        String decision = AccountOpeningProcess.DECISION_MODE;
        Map<String, List<Grant>> grants = new LinkedHashMap<>();
        grants.put(
                ONBOARDING,
                List.of(
                        new Grant(
                                Resources.PROCESS_DEFINITION,
                                process,
                                ProcessDefinitionPermissions.READ,
                                ProcessDefinitionPermissions.CREATE_INSTANCE,
                                ProcessDefinitionPermissions.READ_INSTANCE,
                                ProcessDefinitionPermissions.READ_HISTORY),
                        new Grant(Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE)));
        grants.put(
                OPS,
                List.of(
                        new Grant(Resources.APPLICATION, "cockpit", Permissions.ACCESS),
                        new Grant(Resources.APPLICATION, "tasklist", Permissions.ACCESS),
                        new Grant(
                                Resources.PROCESS_DEFINITION,
                                process,
                                ProcessDefinitionPermissions.READ,
                                ProcessDefinitionPermissions.READ_INSTANCE,
                                ProcessDefinitionPermissions.READ_HISTORY,
                                ProcessDefinitionPermissions.RETRY_JOB),
                        new Grant(Resources.DECISION_DEFINITION, decision, Permissions.READ, Permissions.READ_HISTORY),
                        new Grant(Resources.FILTER, ANY, Permissions.READ)));
        grants.put(
                ANALYSTS,
                List.of(
                        new Grant(Resources.APPLICATION, "cockpit", Permissions.ACCESS),
                        new Grant(Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ),
                        new Grant(
                                Resources.DECISION_DEFINITION,
                                ANY,
                                Permissions.READ,
                                Permissions.READ_HISTORY,
                                Permissions.CREATE_INSTANCE),
                        new Grant(Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ),
                        new Grant(Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ)));
        grants.put(MONITORING, List.of()); // the actuator only, which Spring Security guards
        grants.put(
                ADMIN,
                Arrays.stream(Resources.values())
                        .map(r -> new Grant(r, ANY, Permissions.ALL))
                        .toList());
        return grants;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        CommandExecutor oneTransaction = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        GRANTS.forEach((group, grants) -> {
            if (identity.createGroupQuery().groupId(group).count() == 0) {
                try {
                    // The group and its authorizations commit together, or not at all.
                    oneTransaction.execute(context -> {
                        createGroup(identity, engine.getAuthorizationService(), group, grants);
                        return null;
                    });
                } catch (ProcessEngineException e) {
                    // Nodes of a cluster starting together on a new database: another one was first.
                    if (identity.createGroupQuery().groupId(group).count() == 0) {
                        throw e;
                    }
                }
            }
        });
        // Outside prod the admin user (demo) also works the ops tasks in Tasklist.
        if (!adminUser.isBlank()
                && identity.createUserQuery().userId(adminUser).count() > 0
                && identity.createUserQuery()
                                .userId(adminUser)
                                .memberOfGroup(OPS)
                                .count()
                        == 0) {
            identity.createMembership(adminUser, OPS);
        }
    }

    private static void createGroup(
            IdentityService identity, AuthorizationService authorizations, String id, List<Grant> grants) {
        Group group = identity.newGroup(id);
        group.setName(id);
        group.setType(ADMIN.equals(id) ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
        identity.saveGroup(group);
        for (Grant grant : grants) {
            Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(id);
            authorization.setResource(grant.resource());
            authorization.setResourceId(grant.resourceId());
            for (Permission permission : grant.permissions()) {
                authorization.addPermission(permission);
            }
            authorizations.saveAuthorization(authorization);
        }
        log.info("Created group '{}' with {} authorizations", id, grants.size());
    }
}
