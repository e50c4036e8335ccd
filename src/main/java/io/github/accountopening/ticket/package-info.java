/** Jira client and the once-only escalation ticket of an opening that never got a terminal status. */
@NullMarked
package io.github.accountopening.ticket;

import org.jspecify.annotations.NullMarked;
