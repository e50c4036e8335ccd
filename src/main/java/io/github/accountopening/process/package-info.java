/** The BPMN's Java side: process descriptor, delegates, start validation and the one place that correlates messages. */
@NullMarked
package io.github.accountopening.process;

import org.jspecify.annotations.NullMarked;
