/*
 * The lab's simulated host binaries (vim-cmd, esxcli, vmkfstools, vmware, secureBoot.py, auto-backup.sh, midclt):
 * one small client, named by the link it is called through, that asks the lab's resident simulator (server.ts)
 * over a Unix socket and replays its answer: stdout and stderr as separate streams, in order and as they come
 * (vmkfstools' \r progress), then its exit status. Stdin is never read, so `while read` loops around a call keep
 * their input. The wire format is in protocol.ts.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#ifndef SIM_SOCKET
#define SIM_SOCKET "/usr/lib/custode-lab/sim.sock"
#endif

extern char **environ;

static char *request;
static size_t used, capacity;

static void add(const char *field) {
  size_t n = strlen(field) + 1;
  if (used + n > capacity) {
    capacity = (used + n) * 2 + 4096;
    request = realloc(request, capacity);
    if (request == NULL) exit(125);
  }
  memcpy(request + used, field, n);
  used += n;
}

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

static int read_all(int fd, char *p, size_t n) {
  while (n > 0) {
    ssize_t r = read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return -1;
    p += r;
    n -= (size_t)r;
  }
  return 0;
}

int main(int argc, char **argv) {
  const char *name = strrchr(argv[0], '/');
  name = name ? name + 1 : argv[0];
  char number[32], cwd[PATH_MAX];
  used = 4;
  capacity = 4096;
  request = malloc(capacity);
  if (request == NULL) return 125;
  add("CSIM1");
  snprintf(number, sizeof number, "%ld", (long)getpid());
  add(number);
  add(getcwd(cwd, sizeof cwd) ? cwd : "/");
  add(name);
  snprintf(number, sizeof number, "%d", argc - 1);
  add(number);
  for (int i = 1; i < argc; i++) add(argv[i]);
  for (char **e = environ; *e != NULL; e++) add(*e);
  uint32_t length = (uint32_t)(used - 4);
  request[0] = (char)(length >> 24);
  request[1] = (char)(length >> 16);
  request[2] = (char)(length >> 8);
  request[3] = (char)length;

  const char *path = getenv("LAB_SIM_SOCK");
  if (path == NULL || *path == '\0') path = SIM_SOCKET;
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  strncpy(addr.sun_path, path, sizeof addr.sun_path - 1);
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  if (s < 0 || connect(s, (struct sockaddr *)&addr, sizeof addr) < 0 || write_all(s, request, used) < 0) {
    fprintf(stderr, "lab: the lab's simulator does not answer at %s (%s); is the lab up?\n", path, strerror(errno));
    return 127;
  }
  char *payload = NULL;
  for (;;) {
    unsigned char head[5];
    if (read_all(s, (char *)head, 5) < 0) break;
    uint32_t n = ((uint32_t)head[1] << 24) | ((uint32_t)head[2] << 16) | ((uint32_t)head[3] << 8) | head[4];
    payload = realloc(payload, n + 1);
    if (payload == NULL || read_all(s, payload, n) < 0) break;
    if (head[0] == 'o') write_all(1, payload, n);
    else if (head[0] == 'e') write_all(2, payload, n);
    else if (head[0] == 'x' && n == 4) {
      unsigned char *c = (unsigned char *)payload;
      return (int)(((uint32_t)c[0] << 24) | ((uint32_t)c[1] << 16) | ((uint32_t)c[2] << 8) | c[3]);
    }
  }
  fprintf(stderr, "lab: the lab's simulator hung up before answering %s\n", name);
  return 126;
}
