/*
 * rlcomplete.c - readline completion for the console's commands, shared by
 * the line console (rlconsole.c) and the panel (panel.c), both linked only
 * into build/s370: command names first, device numbers after the commands
 * that take one, file names after t+ and sym and for devinit's file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <readline/readline.h>
#include "hostcons.h"

/* Readline's generators take no context argument. */
static struct machine *completing;

static char *command_names(const char *text, int state)
{
    static unsigned i;
    if (!state) i = 0;
    const char *n;
    while ((n = console_command_name(i++)))
        if (!strncasecmp(n, text, strlen(text))) return strdup(n);
    return NULL;
}

static char *device_numbers(const char *text, int state)
{
    static unsigned i;
    struct chsys *cs = completing->cs;
    if (!state) i = 0;
    while (i < cs->ndev) {
        char n[8];
        snprintf(n, sizeof n, "%03X", cs->dev[i++]->addr);
        if (!strncasecmp(n, text, strlen(text))) return strdup(n);
    }
    return NULL;
}

static char **complete(const char *text, int start, int end)
{
    (void)end;
    int words = 0;
    char first[16] = "";
    for (int i = 0; i < start; i++)
        if (rl_line_buffer[i] != ' ' && (i == 0 || rl_line_buffer[i - 1] == ' ')) {
            if (!words) sscanf(rl_line_buffer + i, "%15s", first);
            words++;
        }
    rl_attempted_completion_over = 1;
    if (words == 0) return rl_completion_matches(text, command_names);
    if (words == 1 && (!strcasecmp(first, "ipl") || !strcasecmp(first, "devinit") ||
                       !strcasecmp(first, "detach")))
        return rl_completion_matches(text, device_numbers);
    if ((words == 1 && (!strcasecmp(first, "t+") || !strcasecmp(first, "sym"))) ||
        (words == 2 && !strcasecmp(first, "devinit")))
        rl_attempted_completion_over = 0;   /* readline's file names */
    return NULL;
}

void console_complete_init(struct machine *m)
{
    completing = m;
    rl_attempted_completion_function = complete;
}
