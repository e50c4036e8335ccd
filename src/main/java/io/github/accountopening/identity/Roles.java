package io.github.accountopening.identity;

import io.github.accountopening.process.AccountOpeningProcess;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.authorization.Groups;

/** The groups a user can be in, as Camunda knows them and as Spring Security sees them. */
public final class Roles {

    /** Onboarding's service accounts: start openings, read them. */
    public static final String ONBOARDING = "onboarding";
    /** Operations: Cockpit, Tasklist, ops tasks, job retries, the read API and the sandbox. */
    public static final String OPS = AccountOpeningProcess.OPS_GROUP;
    /** Analysts: decision tables and forms. */
    public static final String ANALYSTS = "analysts";
    /** Metrics scrapers: the actuator endpoints and nothing else. */
    public static final String MONITORING = "monitoring";
    /** Everything, as Camunda's own administrator group. */
    public static final String ADMIN = Groups.CAMUNDA_ADMIN;

    /** Spring Security authorities carry groups with this prefix, apart from any other authority. */
    static final String AUTHORITY_PREFIX = "GROUP_";

    private Roles() {}

    static String authority(String group) {
        return AUTHORITY_PREFIX + group;
    }

    static String[] authorities(String... groups) {
        return List.of(groups).stream().map(Roles::authority).toArray(String[]::new);
    }

    /** The group ids among a user's authorities. */
    static List<String> groups(Collection<? extends org.springframework.security.core.GrantedAuthority> authorities) {
        return authorities.stream()
                .map(org.springframework.security.core.GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(AUTHORITY_PREFIX))
                .map(a -> a.substring(AUTHORITY_PREFIX.length()))
                .toList();
    }
}
