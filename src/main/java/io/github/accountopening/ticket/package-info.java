/** Jira client and the once-only escalation ticket of an opening that never got a terminal status. */
package io.github.accountopening.ticket;
