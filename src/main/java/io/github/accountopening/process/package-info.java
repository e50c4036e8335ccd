/** The BPMN's Java side: process descriptor, delegates, start validation and the one place that correlates messages. */
package io.github.accountopening.process;
