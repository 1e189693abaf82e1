/*
 * Times the video shim alone (docs/benchmarks.md, "Video"): opens a clip, indexes its packets and decodes the
 * frames at the given positions (presentation order) to RGB, as the default sampling policy does.
 *
 *   gcc -O2 scripts/bench_video_decode.c Sources/CImageShims/video_shim.c Sources/CImageShims/common.c \
 *       -I Sources/CImageShims/include -I Sources/CImageShims -lavformat -lavcodec -lswscale -lavutil -o scratch/bench_video_decode
 *   /usr/bin/time -f "%e s wall %U s user" scratch/bench_video_decode scratch/long-1080p.mp4 0 0 300 900 1000 1500 1750
 *
 * Arguments: CLIP, a byte count to cut the file at (0 = whole file), then frame positions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "CImageShims.h"
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int argc,char**argv){
  FILE*f=fopen(argv[1],"rb");fseek(f,0,SEEK_END);long n=ftell(f);fseek(f,0,SEEK_SET);
  long cut = argc > 2 ? atol(argv[2]) : 0; if (cut > 0 && cut < n) n = cut;
  uint8_t*d=malloc(n);fread(d,1,n,f);
  double t0=now();
  int32_t st;char msg[384];
  img_video*v=img_video_open(d,n,33177600,60,&st,msg,sizeof msg);
  printf("open st=%d %s (%.3f s)\n",st,st?msg:"",now()-t0);
  if(st){img_video_destroy(v);return 0;}
  img_video_info info; img_video_get_info(v,&info);
  printf("%s %s %ux%u dur=%lld fps=%d/%d frames=%lld rot=%d audio=%d tb=%d/%d\n",info.container,info.codec,info.width,info.height,(long long)info.duration_us,info.frame_rate_num,info.frame_rate_den,(long long)info.declared_frames,info.rotation,info.has_audio,info.time_base_num,info.time_base_den);
  char tags[4096]; img_video_tags(v,tags,sizeof tags); printf("tags:\n%s",tags);
  size_t cap=200000,cnt; int64_t*ts=malloc(cap*8); uint8_t*k=malloc(cap);
  t0=now(); st=img_video_index(v,ts,k,cap,&cnt,msg,sizeof msg); printf("index st=%d %s count=%zu (%.3f s)\n",st,st?msg:"",cnt,now()-t0);
  if(st) return 0;
  int nk=0; for(size_t i=0;i<cnt;i++) if(k[i]) nk++; printf("keyframes %d\n",nk);
  // sort ts
  for(size_t i=1;i<cnt;i++){int64_t x=ts[i];uint8_t y=k[i];size_t j=i;while(j>0&&ts[j-1]>x){ts[j]=ts[j-1];k[j]=k[j-1];j--;}ts[j]=x;k[j]=y;}
  size_t out=(size_t)info.width*info.height*3; uint8_t*px=malloc(out);
  int targets[16]; int nt=0; for(int i=0;i<argc-3 && i<16;i++) targets[nt++]=atoi(argv[3+i]);
  int64_t fd,pr; 
  for(int i=0;i<nt;i++){ int64_t fts; int32_t key; t0=now();
    st=img_video_decode(v,ts[targets[i]],1,info.width,info.height,px,out,&fts,&key,msg,sizeof msg);
    img_video_work(v,&fd,&pr);
    printf("decode pos %d ts=%lld st=%d %s got=%lld key=%d (%.3f s) decoded so far %lld\n",targets[i],(long long)ts[targets[i]],st,st?msg:"",(long long)fts,key,now()-t0,(long long)fd);
  }
  char ft[1100]; img_video_frame_text(v,ft,sizeof ft); printf("frame text: %s\n",ft);
  img_video_destroy(v); return 0;
}
