/** The workflow's implementation and what it needs: the plan compiled without I/O, activity options per command. */
package dev.synod.temporal.internal;
