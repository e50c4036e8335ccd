/** Built-in stand-ins for NexusBank, the card platform and Jira, served over real HTTP for local runs, demos and tests. */
@NullMarked
package io.github.accountopening.simulator;

import org.jspecify.annotations.NullMarked;
